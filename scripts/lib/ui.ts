import pc from 'picocolors';

const SERVICE_COLOURS = [pc.cyan, pc.magenta, pc.yellow, pc.green, pc.blue, pc.red];

export function serviceColour(index: number): (text: string) => string {
  return SERVICE_COLOURS[index % SERVICE_COLOURS.length];
}

export const say = {
  step: (text: string) => console.log(pc.bold(pc.cyan('▶ ')) + text),
  ok: (text: string) => console.log(pc.green('✔ ') + text),
  fail: (text: string) => console.log(pc.red('✘ ') + text),
  warn: (text: string) => console.log(pc.yellow('! ') + text),
  info: (text: string) => console.log(pc.dim('  ') + text),
};

/**
 * A progress line that rewrites itself on a terminal and prints only on change elsewhere
 * (CI logs stay readable).
 */
export function progressLine(): { update(text: string): void; done(): void } {
  let last = '';
  return {
    update(text) {
      if (process.stdout.isTTY) {
        process.stdout.write(`\r\x1b[2K${pc.dim(text)}`);
      } else if (text.replace(/[\d.]+s/g, '') !== last.replace(/[\d.]+s/g, '')) {
        console.log(pc.dim(text));
      }
      last = text;
    },
    done() {
      if (process.stdout.isTTY && last) process.stdout.write('\r\x1b[2K');
    },
  };
}

export { pc };
