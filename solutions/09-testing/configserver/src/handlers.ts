import type { RequestHandler, Response } from 'express';
import { sendError } from '../../common/http';
import { render } from './formats/render';
import type { EnvironmentRepository } from './repository/environment';
import { type FileFormat, checkName, parseFileForm, parseProfiles } from './repository/names';

export interface HandlerDeps {
  repository: EnvironmentRepository;
  /** One line per request served, so a demo shows which service fetched what. */
  log: (line: string) => void;
}

export type Handlers = ReturnType<typeof makeHandlers>;

export function makeHandlers({ repository, log }: HandlerDeps) {
  async function sendEnvironment(res: Response, application: string, profile: string, label: string | null) {
    const environment = await repository.findOne(
      checkName('application', application),
      parseProfiles(profile),
      label === null ? null : checkName('label', label),
    );
    log(
      `${environment.name}/${environment.profiles.join(',')}${label ? `/${label}` : ''} → ` +
        `${environment.propertySources.length} source(s)`,
    );
    res.json(environment);
  }

  async function sendFile(
    res: Response,
    form: { application: string; profiles: string[]; format: FileFormat },
    label: string | null,
  ) {
    const environment = await repository.findOne(form.application, form.profiles, label);
    const { contentType, body } = render(environment, form.format);
    res.type(contentType).send(body);
  }

  /** `GET /{application}-{profile}.yml|.yaml|.properties|.json` */
  const getFile: RequestHandler<{ file: string }> = async (req, res) => {
    const form = parseFileForm(req.params.file);
    if (form) return sendFile(res, form, null);
    checkName('application', req.params.file); // a traversal attempt is a 400, a plain unknown word a 404
    sendError(
      res,
      404,
      'NOT_FOUND',
      `No route for GET ${req.path}: use /{application}/{profile}[/{label}] or /{application}-{profile}.yml`,
    );
  };

  /** `GET /{application}/{profile}`, or `GET /{label}/{application}-{profile}.yml` (same shape, told apart by the suffix). */
  const getEnvironmentOrLabelledFile: RequestHandler<{ first: string; second: string }> = async (req, res) => {
    const { first, second } = req.params;
    const form = parseFileForm(second);
    if (form) return sendFile(res, form, checkName('label', first));
    return sendEnvironment(res, first, second, null);
  };

  /** `GET /{application}/{profile}/{label}` */
  const getLabelledEnvironment: RequestHandler<{ application: string; profile: string; label: string }> = async (
    req,
    res,
  ) => sendEnvironment(res, req.params.application, req.params.profile, req.params.label);

  const health: RequestHandler = async (_req, res) => {
    try {
      await repository.check();
      res.json({ status: 'UP' });
    } catch (err) {
      res.status(503).json({ status: 'DOWN', reason: (err as Error).message });
    }
  };

  return { getFile, getEnvironmentOrLabelledFile, getLabelledEnvironment, health };
}
