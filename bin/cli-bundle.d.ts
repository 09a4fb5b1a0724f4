/** Where scripts/build-cli.ts writes the command-line bundle, relative to the package root. */
export declare const BUNDLE_DIR: string;
/** The bundle's entry, relative to the package root. */
export declare const BUNDLE_ENTRY: string;
/** The bundle's path under `root` when it exists and no source has changed since it was built. */
export declare function freshBundle(root: string): string | undefined;
