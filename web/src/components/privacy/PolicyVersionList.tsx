import { Button, List, Space, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { PolicyVersionSummary } from '../../api/policy';
import { useI18n } from '../../i18n/context';
import { versionInForce } from '../../privacy/policy-versions';
import { PolicyVersionTags } from './PolicyVersionTags';

export type VersionView = 'text' | 'changes';

interface Props {
  versions: PolicyVersionSummary[];
  loading: boolean;
  onOpen(versionId: string, view: VersionView): void;
}

/** Every published version stays readable (P9.1), newest first, each with what changed from the one before. */
export function PolicyVersionList({ versions, loading, onOpen }: Props) {
  const { t, pick, formatDay } = useI18n();
  const current = versionInForce(versions);
  return (
    <List
      loading={loading}
      dataSource={versions}
      locale={{ emptyText: t('policy.noVersions') }}
      renderItem={(version, index) => (
        <List.Item
          {...({ 'data-testid': 'policy-version', 'data-version-label': version.label } as HTMLAttributes<HTMLElement>)}
          actions={[
            <Button key="text" type="link" size="small" data-testid="policy-version-read" onClick={() => onOpen(version.id, 'text')}>
              {t('policy.readText')}
            </Button>,
            // the oldest version has nothing before it to compare with
            ...(index < versions.length - 1
              ? [
                  <Button key="changes" type="link" size="small" data-testid="policy-version-changes" onClick={() => onOpen(version.id, 'changes')}>
                    {t('policy.whatChanged')}
                  </Button>,
                ]
              : []),
          ]}
        >
          <List.Item.Meta
            title={
              <Space size={4} wrap>
                <Typography.Text strong>{t('policy.versionLabel', { label: version.label })}</Typography.Text>
                <PolicyVersionTags version={version} current={version.id === current?.id} />
              </Space>
            }
            description={
              <Space orientation="vertical" size={2}>
                <Typography.Text type="secondary">
                  {t('policy.updatedOn', { date: formatDay(version.updatedOn) })} · {t('policy.effectiveOn', { date: formatDay(version.effectiveAt) })}
                </Typography.Text>
                <Typography.Text>{pick(version.summary)}</Typography.Text>
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}
