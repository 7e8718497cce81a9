/** `orderkit …` (the bin's launcher runs this; `pnpm cli …` too): see cli/program.ts. */
import { main } from './cli/program.js';

// `orderkit … | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
