/** The `gunicorn-lint` executable: runs the CLI on this process's arguments and sets the exit status. */
import { run } from './main';

// The reader went away (`gunicorn-lint | head -1`): stop quietly, as other command-line tools do, instead of dying
// on an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

run(
  process.argv.slice(2),
  process.cwd(),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
  process.stdout.isTTY === true,
)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`gunicorn-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  });
