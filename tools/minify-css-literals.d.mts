import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export function minifyCssText(text: string): string;
export function minifyHtmlText(text: string): string;
export function minifyCssLiterals(code: string): string;
export function esbuildMinifyCss(): EsbuildPlugin;
export function viteMinifyCss(): VitePlugin;
