import type { Plugin } from 'vite';
export function niivueUnlitGradient(): Plugin;
export function patchNiivueSource(code: string): string;
