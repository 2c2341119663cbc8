export declare const TEST_NODE_VERSIONS: string[]
export declare function nodeCacheDir(version: string): string
