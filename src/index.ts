/** `douyin-sandbox`: the typed client and the testing kit in one import. */
export * from './client/index.js'
export * from './testing/index.js'
