import { Anchor, Card } from 'antd';
import type { OutlineEntry } from '../../privacy/markdown';
import { useI18n } from '../../i18n/context';
import { sectionScrollMargin } from './PolicyMarkdown';

/** The policy's table of contents (P12.2): each title jumps to its section, and the one being read is marked. */
export function PolicyContents({ outline }: { outline: OutlineEntry[] }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('privacy.contents')} style={{ position: 'sticky', top: sectionScrollMargin }} data-testid="policy-contents">
      <Anchor
        affix={false}
        targetOffset={sectionScrollMargin}
        items={outline.map((entry) => ({ key: entry.id, href: `#${entry.id}`, title: entry.title }))}
      />
    </Card>
  );
}
