import { Alert, Button, Card, Flex, Segmented, Typography } from 'antd';
import { useState } from 'react';
import type { PolicyDraft, PolicyPreview } from '../../api/policy';
import { useI18n } from '../../i18n/context';
import type { Locale } from '../../i18n/locales';
import { PolicyDiffLines } from '../privacy/PolicyDiff';

interface Props {
  draft: PolicyDraft;
  preview: PolicyPreview;
  publishing: boolean;
  onPublish(): void;
}

/**
 * What publishing the checked draft will do, before it is done: who is told and asked what, from
 * when, and every changed line in each language against the version in force.
 */
export function PolicyDraftPreview({ draft, preview, publishing, onPublish }: Props) {
  const { t, formatDay } = useI18n();
  const [language, setLanguage] = useState<Locale>('zh-CN');
  const date = formatDay(preview.effectiveAt);
  const effect = draft.material
    ? preview.inForceAtOnce
      ? t('policyEditor.effectMaterialNow')
      : t('policyEditor.effectMaterialLater', { date })
    : t('policyEditor.effectMinor', { date });

  return (
    <Card title={t('policyEditor.previewTitle', { label: preview.against?.label ?? '—' })} data-testid="policy-editor-preview">
      <Flex vertical gap={16}>
        <Alert type={draft.material ? 'warning' : 'info'} showIcon title={<span data-testid="policy-editor-effect">{effect}</span>} />
        <Segmented<Locale>
          value={language}
          onChange={setLanguage}
          options={[
            { value: 'zh-CN', label: <span data-testid="policy-editor-diff-zh">{t('policyEditor.diffZh')}</span> },
            { value: 'en', label: <span data-testid="policy-editor-diff-en">{t('policyEditor.diffEn')}</span> },
          ]}
        />
        <PolicyDiffLines lines={preview.diff[language]} language={language} testId="policy-editor-diff" />
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Typography.Text type="secondary">{t('policyEditor.publishHint')}</Typography.Text>
          <Button type="primary" danger={draft.material} size="large" loading={publishing} onClick={onPublish} data-testid="policy-editor-publish">
            {t('policyEditor.publish', { label: draft.label })}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
