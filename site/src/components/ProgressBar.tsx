import type { ReactNode } from 'react';
import styles from './progress.module.css';

/** A labelled bar: "2 of 4 exercises". */
export default function ProgressBar({
  done,
  total,
  label,
}: {
  done: number;
  total: number;
  label?: string;
}): ReactNode {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className={styles.bar} role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
      <div className={styles.track}>
        <div className={styles.fill} style={{ width: `${percent}%` }} />
      </div>
      <span className={styles.barLabel}>
        {label ?? `${done} of ${total} exercise${total === 1 ? '' : 's'}`}
        {total > 0 && done === total ? ' ✓' : ''}
      </span>
    </div>
  );
}
