import { processEnvironment } from './environment.js';
import { runCli } from './main.js';

/** Entry point of the `cliproxyctl` binary. */
process.exitCode = await runCli(processEnvironment());
