import { defineConfig } from 'vite';

// Vite 8 transforms JSX itself (oxc); the automatic runtime from react/jsx-runtime.
export default defineConfig({ oxc: { jsx: { runtime: 'automatic', importSource: 'react' } } });
