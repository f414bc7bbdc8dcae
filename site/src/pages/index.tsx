import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import ProgressOverview from '../components/ProgressOverview';
import { useChapterDoc } from '../components/useChapterDocs';
import styles from './index.module.css';

const STEPS: { title: string; text: ReactNode }[] = [
  { title: 'Read', text: 'Each chapter adds one concern to the landscape and explains it with the real code.' },
  {
    title: 'Do',
    text: (
      <>
        Your copy of the code, in <code>chapters/</code>, has the exercises taken out. Fill them in.
      </>
    ),
  },
  {
    title: 'Verify',
    text: (
      <>
        <code>npm run verify:N</code> names each exercise that still fails and its failing checks; a hint
        comes when you ask.
      </>
    ),
  },
  {
    title: 'Run',
    text: (
      <>
        <code>npm run chapter:N</code> starts the landscape; <code>npm run demo:N</code> shows it live.
      </>
    ),
  },
];

export default function Home(): ReactNode {
  const { siteConfig } = useDocusaurusContext();
  const first = useChapterDoc(1);
  return (
    <Layout title="Home" description={siteConfig.tagline}>
      <header className={styles.hero}>
        <div className="container">
          <h1 className={styles.title}>{siteConfig.title}</h1>
          <p className={styles.tagline}>{siteConfig.tagline}</p>
          <p className={styles.question}>
            Can a microservice be <strong>lean</strong> — little memory, fast start, small image — and still plug into
            config, messaging, tracing, circuit breakers and an OAuth edge?
          </p>
          <div className={styles.buttons}>
            <Link className={`button button--lg ${styles.primary}`} to="/intro">
              Start with the introduction
            </Link>
            {first && (
              <Link className={`button button--lg button--outline ${styles.secondary}`} to={first.path}>
                Go to chapter 1
              </Link>
            )}
          </div>
          <pre className={styles.commands}>
            <code>npm ci && npm run chapter:1{'\n'}npm test</code>
          </pre>
        </div>
      </header>
      <main className="container margin-vert--lg">
        <div className={styles.steps}>
          {STEPS.map((step) => (
            <div key={step.title} className={styles.step}>
              <h3>{step.title}</h3>
              <p>{step.text}</p>
            </div>
          ))}
        </div>
        <h2 className="margin-top--lg">Your progress</h2>
        <ProgressOverview />
      </main>
    </Layout>
  );
}
