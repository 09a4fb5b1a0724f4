#!/usr/bin/env node
// The `driftwatch` command: runs the TypeScript CLI through tsx's loader, so the package ships its sources as-is.
import { register } from 'tsx/esm/api';

register();
await import('../functions/cli/main.ts');
