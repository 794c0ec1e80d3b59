import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` forwards API and live traffic to a running tandem server (TANDEM_URL, default port 8080).
const server = process.env.TANDEM_URL ?? 'http://127.0.0.1:8080';

/** Writes NAME.gz beside every text file of the build worth compressing; the server sends it to browsers taking gzip. */
function precompress(): Plugin {
  let outDir = 'dist';
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'tandem-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(html|js|css|svg|json|webmanifest)$/.test(file) || statSync(file).size < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
      }
    },
  };
}

/**
 * Names in index.html the app chunk that the entry imports (src/start.tsx), with the chunks and styles it
 * needs, so that the browser fetches and compiles them while the entry starts the first reads (and the service
 * worker finds them to keep). Styles are preloaded, not applied: a stylesheet would hold the entry back.
 */
function preloadApp(): Plugin {
  return {
    name: 'tandem-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {}).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const app = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/start.tsx'));
        if (app === undefined) throw new Error('preloadApp: no chunk for src/start.tsx');
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = chunks.find((candidate) => candidate.fileName === fileName);
          if (chunk === undefined || chunk.isEntry || scripts.has(fileName)) return;
          scripts.add(fileName);
          chunk.viteMetadata?.importedCss.forEach((css) => styles.add(css));
          chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        const link = (attrs: Record<string, string>): HtmlTagDescriptor => ({ tag: 'link', attrs, injectTo: 'head' });
        return [
          ...[...scripts].map((href) => link({ rel: 'modulepreload', href: `/${href}`, crossorigin: '' })),
          ...[...styles].map((href) => link({ rel: 'preload', as: 'style', href: `/${href}`, crossorigin: '' })),
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress(), preloadApp()],
  server: {
    proxy: { '/api': { target: server, ws: true } },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
  },
});
