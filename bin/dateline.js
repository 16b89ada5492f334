#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// V8 allocates objects straight into the old generation from an allocation site where most
// objects it saw outlived a young-generation collection. A build reads thousands of files into
// objects that all live on, and then renders pages from the same code with objects that die at
// once: the decisions of the first stage send the garbage of the second to the old generation,
// and with it much of what it points to. Without them a 10,000-article build takes about 6% less
// CPU and 9% less peak memory, and a 100,000-article one 11% less time (docs/scaling.md). Set
// before any of dateline loads; worker threads share the process's V8 flags.
setFlagsFromString('--no-allocation-site-pretenuring');

const { main } = await import('../lib/cli.js');
process.exitCode = await main(process.argv.slice(2));
