import path from 'node:path';
import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import { themes as prismThemes } from 'prism-react-renderer';
import remarkCodeTitles from './tools/remark-code-titles';
import remarkRepoLinks from './tools/remark-repo-links';
import { chapterPages } from './tools/chapter-pages';

/** The repository root: the docs plugin reads the chapter write-ups (chapters/NN-topic/README.md) from there. */
const REPO_ROOT = path.resolve(__dirname, '..');
/** Set SITE_REPO_URL (e.g. https://github.com/owner/repo) to link source files to the repository browser. */
const REPO_URL = process.env.SITE_REPO_URL || undefined;
const FIRST_CHAPTER = chapterPages()[0];

const config: Config = {
  title: 'Lean & Mean TypeScript Microservices',
  tagline: 'The goblog landscape, rebuilt in TypeScript on Node.js, one concern per chapter — with numbers.',
  favicon: 'img/favicon.svg',
  url: 'http://127.0.0.1',
  baseUrl: '/',
  trailingSlash: false,

  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',

  markdown: {
    // README.md files are CommonMark (as on GitHub); only .mdx pages are MDX.
    format: 'detect',
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },

  i18n: { defaultLocale: 'en', locales: ['en'] },

  presets: [
    [
      'classic',
      {
        docs: {
          // One docs plugin over the repository: the chapter write-ups where they live, plus the
          // site's own pages. Same files, no copies.
          path: '..',
          include: ['chapters/*/*.md', 'site/docs/**/*.{md,mdx}'],
          exclude: ['**/node_modules/**', '**/_*', '**/_*/**'],
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
          numberPrefixParser: false,
          breadcrumbs: true,
          beforeDefaultRemarkPlugins: [
            [remarkRepoLinks, { repoRoot: REPO_ROOT, repoUrl: REPO_URL }],
            [remarkCodeTitles, { repoRoot: REPO_ROOT }],
          ],
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],

  themes: [
    '@docusaurus/theme-mermaid',
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexBlog: false,
        indexPages: true,
        docsRouteBasePath: '/',
        docsDir: ['../chapters', 'docs'],
        language: ['en'],
        highlightSearchTermsOnTargetPage: true,
        explicitSearchResultPath: true,
        searchResultLimits: 10,
      },
    ],
  ],

  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    docs: { sidebar: { hideable: true } },
    navbar: {
      title: 'Lean & Mean',
      logo: { alt: 'Lean & Mean logo', src: 'img/logo.svg' },
      items: [
        { type: 'doc', docId: 'site/docs/intro', label: 'Introduction', position: 'left' },
        FIRST_CHAPTER
          ? { type: 'doc', docId: FIRST_CHAPTER.docId, label: 'Chapters', position: 'left' }
          : { type: 'docSidebar', sidebarId: 'workshop', label: 'Chapters', position: 'left' },
        { type: 'doc', docId: 'site/docs/architecture', label: 'Architecture', position: 'left' },
        { type: 'doc', docId: 'site/docs/changes/index', label: 'What changed', position: 'left' },
        { type: 'doc', docId: 'site/docs/demos', label: 'Demos', position: 'left' },
        { type: 'search', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      copyright:
        'Based on Erik Lupander’s talk “Lean &amp; Mean — Go microservices with Docker Swarm and Spring Cloud” and his goblog series. Built with Docusaurus.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash', 'diff', 'docker', 'json', 'yaml', 'properties'],
    },
    mermaid: { theme: { light: 'neutral', dark: 'dark' } },
    tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
  } satisfies Preset.ThemeConfig,
};

export default config;
