// The password of `npm run admin -- ajouter`: never on the command line (it would stay in the
// shell history and in `ps`), but on standard input: the first line of a pipe, or typed twice
// without echo at a terminal.
import type { ReadStream } from 'node:tty';

export class PasswordInputError extends Error {
  override readonly name = 'PasswordInputError';
}

/** More than any accepted password (1,024 characters of up to 4 bytes) plus a line ending. */
const MAX_LINE_BYTES = 4 * 1024 + 2;

export async function readPassword(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) return readFirstLine(input);
  const tty = input as ReadStream;
  const password = await promptHidden(tty, output, 'Mot de passe (10 caractères au moins) : ');
  const again = await promptHidden(tty, output, 'Le même, pour confirmer : ');
  if (password !== again) throw new PasswordInputError('les deux saisies du mot de passe diffèrent');
  return password;
}

async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const newline = buffer.indexOf(0x0a);
    chunks.push(newline === -1 ? buffer : buffer.subarray(0, newline));
    size += buffer.length;
    if (newline !== -1) return decodeLine(chunks);
    if (size > MAX_LINE_BYTES) throw new PasswordInputError('la première ligne de l’entrée standard est trop longue pour un mot de passe');
  }
  if (size === 0) {
    throw new PasswordInputError(
      'aucun mot de passe reçu sur l’entrée standard (par exemple : printf \'%s\\n\' "$MOT_DE_PASSE" | npm run admin -- ajouter …)',
    );
  }
  return decodeLine(chunks);
}

function decodeLine(chunks: Buffer[]): string {
  return Buffer.concat(chunks).toString('utf8').replace(/\r$/, '');
}

/** Reads one line at a terminal in raw mode, so nothing is echoed; Ctrl-C aborts. */
function promptHidden(input: ReadStream, output: NodeJS.WriteStream, question: string): Promise<string> {
  output.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(null);
        if (char === '\u0003') return finish(new PasswordInputError('saisie interrompue'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (typed.length > MAX_LINE_BYTES) return finish(new PasswordInputError('mot de passe trop long'));
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}
