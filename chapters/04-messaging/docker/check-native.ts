/**
 * Runs in the image's build stage. The bundle (main.js) is plain JavaScript and runs anywhere,
 * but a native addon shipped beside it (better-sqlite3) was compiled for the machine that made
 * the bundle. Prove each one loads on this image's platform; when one does not (a bundle made on
 * macOS, say) and npm is there, install that package for this platform instead; else fail the
 * build with the reason, rather than a container that crashes at its first query.
 *
 *   node check-native.js [APP_DIR]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface NativePackage {
  name: string;
  version: string;
  addons: string[];
}

export function nativePackages(appDir: string): NativePackage[] {
  const modules = path.join(appDir, 'node_modules');
  if (!fs.existsSync(modules)) return [];
  return fs.readdirSync(modules).flatMap((name) => {
    const release = path.join(modules, name, 'build', 'Release');
    if (!fs.existsSync(release)) return [];
    const addons = fs.readdirSync(release).filter((f) => f.endsWith('.node'));
    const { version } = JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as {
      version: string;
    };
    return addons.length ? [{ name, version, addons: addons.map((a) => path.join(release, a)) }] : [];
  });
}

/** The addons that fail to load here, with the loader's reason. */
export function brokenAddons(packages: NativePackage[]): string[] {
  return packages.flatMap((pkg) =>
    pkg.addons.flatMap((addon) => {
      try {
        createRequire(__filename)(addon); // dlopen: fails for another platform or Node ABI
        return [];
      } catch (err) {
        return [`${pkg.name}: ${(err as Error).message.split('\n')[0]}`];
      }
    }),
  );
}

function main(appDir: string): number {
  const packages = nativePackages(appDir);
  const broken = brokenAddons(packages);
  if (broken.length === 0) {
    console.log(
      `native addons load on ${process.platform}-${process.arch}: ${packages.map((p) => p.name).join(', ') || 'none'}`,
    );
    return 0;
  }
  console.log(`native addons built elsewhere do not load here:\n  ${broken.join('\n  ')}`);
  const specs = packages.map((p) => `${p.name}@${p.version}`);
  console.log(`installing ${specs.join(' ')} for ${process.platform}-${process.arch} with npm…`);
  fs.rmSync(path.join(appDir, 'node_modules'), { recursive: true, force: true });
  const npm = spawnSync(
    'npm',
    ['install', '--omit=dev', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', ...specs],
    {
      cwd: appDir,
      stdio: 'inherit',
    },
  );
  if (npm.error || npm.status !== 0) {
    console.error(
      'npm could not install them (no npm in this image, or no network): bundle on Linux, or use a base image with npm.',
    );
    return 1;
  }
  const still = brokenAddons(nativePackages(appDir));
  if (still.length) console.error(`still broken:\n  ${still.join('\n  ')}`);
  return still.length ? 1 : 0;
}

if (require.main === module) process.exit(main(path.resolve(process.argv[2] ?? __dirname)));
