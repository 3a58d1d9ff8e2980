import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Form, Input, Radio, Result, Row, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/api-error';
import { useIsOperator } from '../../api/operator';
import { previewPolicy, publishPolicy, usePolicyInForce, type PolicyDraft, type PolicyPreview, type PolicyVersion } from '../../api/policy';
import { queryKeys } from '../../api/query-keys';
import { useAccount } from '../../api/account';
import { PolicyDraftPreview } from '../../components/operator/PolicyDraftPreview';
import { PageHeading } from '../../components/PageHeading';
import { QueryFailure } from '../../components/QueryFailure';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages.zh-CN';
import { draftOf, fieldOfServerField, nextLabel, todayUtcDay, type PolicyDraftFields } from '../../privacy/policy-draft';

/**
 * The operator's policy editor (P9.1, P12.1, P0.1): a new version written from the one in force, in
 * Chinese (which prevails) and English, marked material or minor, with its effective date; checked
 * and shown as a diff before it can be published. Open to the operator's staff only: the server
 * refuses anyone else whatever this page shows.
 */
export default function PolicyEditorPage() {
  const { t } = useI18n();
  const account = useAccount();
  const operator = useIsOperator();
  const current = usePolicyInForce();
  // each new draft starts again from the version then in force; the form keeps its values meanwhile
  const [round, setRound] = useState(0);

  if (account.isPending || current.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (!operator) return <Result status="403" title={t('policyEditor.notOperator')} data-testid="policy-editor-forbidden" />;
  if (current.isError) return <QueryFailure error={current.error} onRetry={() => void current.refetch()} />;
  return <PolicyEditor key={round} current={current.data ?? null} onAnother={() => setRound((previous) => previous + 1)} />;
}

const textArea = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13 };

function PolicyEditor({ current, onAnother }: { current: PolicyVersion | null; onAnother(): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PolicyDraftFields>();
  // a preview is of exactly what was checked: any edit takes it away until previewed again
  const [checked, setChecked] = useState<{ draft: PolicyDraft; preview: PolicyPreview } | null>(null);
  const [published, setPublished] = useState<PolicyVersion | null>(null);
  const today = todayUtcDay();

  const showOnFields = (error: unknown) => {
    if (!isApiError(error)) return;
    const serverField = typeof error.details.field === 'string' ? error.details.field : null;
    const field = serverField && Object.hasOwn(fieldOfServerField, serverField) ? fieldOfServerField[serverField] : undefined;
    if (!field) return;
    const text = error.code === 'policy_text_required' ? t(`policyEditor.required.${field}` as MessageKey) : errorText(error, t);
    form.setFields([{ name: field, errors: [text] }]);
  };
  const onField = (error: unknown) => isApiError(error) && typeof error.details.field === 'string';

  const preview = useMutation({
    mutationFn: async (fields: PolicyDraftFields) => {
      const draft = draftOf(fields);
      return { draft, preview: await previewPolicy(draft) };
    },
    onSuccess: setChecked,
    onError: showOnFields,
  });

  const publish = useMutation({
    mutationFn: (draft: PolicyDraft) => publishPolicy(draft),
    onSuccess: (version) => {
      setPublished(version);
      setChecked(null);
      // the public pages, the notice of the change and (for a material one in force) my own acceptance
      for (const queryKey of [queryKeys.policyInForce, queryKeys.policyVersions, queryKeys.myPolicy, queryKeys.notices]) void queryClient.invalidateQueries({ queryKey });
    },
    onError: showOnFields,
  });

  if (published) {
    return (
      <Result
        status="success"
        data-testid="policy-editor-published"
        title={t('policyEditor.publishedTitle', { label: published.label })}
        subTitle={published.material ? t('policyEditor.publishedMaterial') : t('policyEditor.publishedMinor')}
        extra={[
          <Link key="view" to={`/policy?version=${encodeURIComponent(published.id)}&view=changes`} data-testid="policy-editor-view">
            {t('policyEditor.viewPublished')}
          </Link>,
          <Button key="again" onClick={onAnother} data-testid="policy-editor-another">
            {t('policyEditor.another')}
          </Button>,
        ]}
      />
    );
  }

  const failure = [preview.error, publish.error].find((error) => error && !onField(error));
  const required = (key: MessageKey) => [{ required: true, whitespace: true, message: t(key) }];

  return (
    <Flex vertical gap={20}>
      <PageHeading title={t('policyEditor.title')} subtitle={t('policyEditor.subtitle')} />
      <Card>
        <Form<PolicyDraftFields>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{
            label: nextLabel(current?.label),
            effectiveOn: today,
            bodyZh: current?.body['zh-CN'] ?? '',
            bodyEn: current?.body.en ?? '',
            summaryZh: '',
            summaryEn: '',
          }}
          onValuesChange={() => setChecked(null)}
          onFinish={(fields) => preview.mutate(fields)}
        >
          <Typography.Paragraph type="secondary" data-testid="policy-editor-based-on">
            {current ? t('policyEditor.basedOn', { label: current.label }) : t('policyEditor.noCurrent')}
          </Typography.Paragraph>
          <Row gutter={24}>
            <Col xs={24} md={6}>
              <Form.Item name="label" label={t('policyEditor.label')} rules={required('policyEditor.labelRequired')}>
                <Input maxLength={32} data-testid="policy-editor-label" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="effectiveOn"
                label={t('policyEditor.effectiveOn')}
                extra={t('policyEditor.effectiveHint')}
                rules={[
                  { required: true, message: t('policyEditor.effectiveRequired') },
                  { validator: (_, value: string | undefined) => (!value || value >= today ? Promise.resolve() : Promise.reject(new Error(t('policyEditor.effectiveInPast')))) },
                ]}
              >
                <Input type="date" min={today} data-testid="policy-editor-effective" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t('policyEditor.kind')} rules={[{ required: true, message: t('policyEditor.kindRequired') }]}>
                <Radio.Group>
                  <Flex vertical gap={6}>
                    <Radio value="material" data-testid="policy-editor-material">
                      <Typography.Text strong>{t('policyEditor.material')}</Typography.Text> <Typography.Text type="secondary">{t('policyEditor.materialHint')}</Typography.Text>
                    </Radio>
                    <Radio value="minor" data-testid="policy-editor-minor">
                      <Typography.Text strong>{t('policyEditor.minor')}</Typography.Text> <Typography.Text type="secondary">{t('policyEditor.minorHint')}</Typography.Text>
                    </Radio>
                  </Flex>
                </Radio.Group>
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={24}>
            <Col xs={24} lg={12}>
              <Form.Item name="summaryZh" label={t('policyEditor.summaryZh')} extra={t('policyEditor.summaryHint')} rules={required('policyEditor.required.summaryZh')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} lang="zh-CN" data-testid="policy-editor-summary-zh" />
              </Form.Item>
              <Form.Item name="bodyZh" label={t('policyEditor.bodyZh')} rules={required('policyEditor.required.bodyZh')}>
                <Input.TextArea autoSize={{ minRows: 12, maxRows: 28 }} lang="zh-CN" style={textArea} data-testid="policy-editor-body-zh" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="summaryEn" label={t('policyEditor.summaryEn')} extra={t('policyEditor.summaryHint')} rules={required('policyEditor.required.summaryEn')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} lang="en" data-testid="policy-editor-summary-en" />
              </Form.Item>
              <Form.Item name="bodyEn" label={t('policyEditor.bodyEn')} rules={required('policyEditor.required.bodyEn')}>
                <Input.TextArea autoSize={{ minRows: 12, maxRows: 28 }} lang="en" style={textArea} data-testid="policy-editor-body-en" />
              </Form.Item>
            </Col>
          </Row>
          {failure ? <Alert type="error" showIcon data-testid="policy-editor-error" title={errorText(failure, t)} style={{ marginBottom: 16 }} /> : null}
          <Button type={checked ? 'default' : 'primary'} size="large" htmlType="submit" loading={preview.isPending} data-testid="policy-editor-preview-button">
            {t('policyEditor.preview')}
          </Button>
        </Form>
      </Card>
      {checked && <PolicyDraftPreview draft={checked.draft} preview={checked.preview} publishing={publish.isPending} onPublish={() => publish.mutate(checked.draft)} />}
    </Flex>
  );
}
