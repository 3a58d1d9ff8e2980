import { Descriptions, Drawer, Flex, Grid, Space, Tabs, Typography } from 'antd';
import type { PolicyVersionSummary } from '../../api/policy';
import { useI18n } from '../../i18n/context';
import type { Locale } from '../../i18n/locales';
import { previousVersionOf, versionInForce } from '../../privacy/policy-versions';
import { PolicyDiff } from './PolicyDiff';
import { PolicyLanguageBar } from './PolicyLanguageBar';
import type { VersionView } from './PolicyVersionList';
import { PolicyVersionTags } from './PolicyVersionTags';
import { PolicyVersionText } from './PolicyVersionText';

interface Props {
  versions: PolicyVersionSummary[];
  versionId: string | null;
  view: VersionView;
  language: Locale;
  onLanguageChange(language: Locale): void;
  onViewChange(view: VersionView): void;
  onClose(): void;
}

/** One version opened from the list: its text, and what changed from the version before it. */
export function PolicyVersionDrawer({ versions, versionId, view, language, onLanguageChange, onViewChange, onClose }: Props) {
  const { t, pick, formatDay } = useI18n();
  const version = versions.find((entry) => entry.id === versionId) ?? null;
  const previous = versionId ? previousVersionOf(versions, versionId) : null;
  const current = versionInForce(versions);
  // a policy is read at a comfortable line length on a wide screen, and full width on a phone
  const wide = Grid.useBreakpoint().md;
  return (
    <Drawer
      open={Boolean(versionId)}
      onClose={onClose}
      size={wide ? 760 : '100%'}
      destroyOnHidden
      title={version ? t('policy.versionLabel', { label: version.label }) : t('policy.versions')}
      extra={version && <PolicyVersionTags version={version} current={version.id === current?.id} />}
    >
      {versionId && (
        <Flex vertical gap={16} data-testid="policy-version-drawer">
          {version && (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'updatedOn', label: t('policy.updatedOnLabel'), children: formatDay(version.updatedOn) },
                { key: 'effective', label: t('policy.effectiveOnLabel'), children: formatDay(version.effectiveAt) },
                { key: 'summary', label: t('policy.summary'), children: pick(version.summary) },
                ...(previous
                  ? [{ key: 'previous', label: t('policy.comparedWith'), children: t('policy.versionLabel', { label: previous.label }) }]
                  : []),
              ]}
            />
          )}
          <PolicyLanguageBar language={language} onChange={onLanguageChange} />
          <Tabs
            activeKey={view}
            onChange={(key) => onViewChange(key as VersionView)}
            items={[
              { key: 'text', label: t('policy.fullText'), children: <PolicyVersionText versionId={versionId} language={language} idPrefix="version-" /> },
              {
                key: 'changes',
                label: <span data-testid="policy-drawer-changes-tab">{t('policy.whatChanged')}</span>,
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {previous && (
                      <Typography.Text type="secondary">
                        {t('policy.diffAgainst', { from: previous.label, to: version?.label ?? '' })}
                      </Typography.Text>
                    )}
                    <PolicyDiff versionId={versionId} previousId={previous?.id ?? null} language={language} />
                  </Space>
                ),
              },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
