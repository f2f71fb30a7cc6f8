import type { Plugin } from 'esbuild'

/** Bundles zod with its English error messages only (scripts/english-only-zod.mjs). */
export declare const englishOnlyZod: Plugin
