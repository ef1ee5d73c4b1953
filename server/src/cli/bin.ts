/** The `gunicorn-lint` executable: runs the CLI on this process's arguments and sets the exit status. */
import { run } from './main';

run(process.argv.slice(2), process.cwd(), (text) => process.stdout.write(text), (text) => process.stderr.write(text), process.stdout.isTTY === true)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`gunicorn-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  });
