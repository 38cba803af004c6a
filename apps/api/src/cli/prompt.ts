/**
 * Password prompts that echo nothing. The terminal is put in raw mode, which turns its own echo off
 * (so even the terminal never prints the keys), and the keys are read one by one through readline's
 * keypress decoder.
 */
import { emitKeypressEvents, type Key } from 'node:readline';
import { CliError } from './support';

/** The part of a TTY input stream the prompt needs; a fake one is enough in tests. */
export interface TerminalInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export class PromptCancelledError extends CliError {
  constructor() {
    super('cancelled.');
  }
}

/** Reads one line from a terminal without echoing it. Ctrl-C, Ctrl-D or the end of input cancel. */
export function readHiddenLine(input: TerminalInput, output: NodeJS.WritableStream, prompt: string): Promise<string> {
  if (!input.isTTY || !input.setRawMode) {
    return Promise.reject(new CliError('cannot prompt for a password: standard input is not a terminal.'));
  }
  const setRawMode = input.setRawMode.bind(input);
  const wasRaw = input.isRaw === true;
  emitKeypressEvents(input);
  // Echo goes off before the prompt shows: keys typed the moment it appears must not be printed.
  setRawMode(true);
  output.write(prompt);
  input.resume();

  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      input.off('keypress', onKeypress);
      input.off('end', onEnd);
      setRawMode(wasRaw);
      // Paused, stdin no longer keeps the process alive once the command is done.
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onEnd = () => finish(new PromptCancelledError());
    const onKeypress = (text: string | undefined, key: Key | undefined) => {
      if (key?.ctrl && (key.name === 'c' || key.name === 'd')) return finish(new PromptCancelledError());
      if (key?.name === 'return' || key?.name === 'enter') return finish();
      if (key?.name === 'backspace') {
        value = Array.from(value).slice(0, -1).join('');
        return;
      }
      // Only printable characters: arrow keys and other escape sequences are not part of a password.
      // eslint-disable-next-line no-control-regex -- the control characters are exactly what is refused
      if (text && !key?.ctrl && !key?.meta && !/[\x00-\x1f\x7f]/.test(text)) value += text;
    };
    input.on('keypress', onKeypress);
    input.once('end', onEnd);
  });
}

/** Asks twice, as password changes usually do, so a typo cannot lock anyone out. */
export async function promptNewPassword(input: TerminalInput, output: NodeJS.WritableStream): Promise<string> {
  const first = await readHiddenLine(input, output, 'Password: ');
  const second = await readHiddenLine(input, output, 'Password (again): ');
  if (first !== second) throw new CliError('the two passwords do not match.');
  return first;
}
