import { Skeleton, Typography } from 'antd';
import { usePolicyVersion } from '../../api/policy';
import type { Locale } from '../../i18n/locales';
import { usePolicyText } from '../../privacy/use-policy-text';
import { QueryFailure } from '../QueryFailure';
import { PolicyMarkdown } from './PolicyMarkdown';

/** The full text of one published version, in one language. */
export function PolicyVersionText({ versionId, language, idPrefix }: { versionId: string; language: Locale; idPrefix: string }) {
  const version = usePolicyVersion(versionId);
  const { blocks, title } = usePolicyText(version.data?.body, language);
  if (version.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (version.isError) return <QueryFailure error={version.error} onRetry={() => void version.refetch()} />;
  return (
    <div lang={language} data-testid="policy-version-text">
      {title && (
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
      )}
      <PolicyMarkdown blocks={blocks} idPrefix={idPrefix} />
    </div>
  );
}
