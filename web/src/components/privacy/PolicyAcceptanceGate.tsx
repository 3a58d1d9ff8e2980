import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAccount } from '../../api/account';
import { acceptPolicy, useMyPolicyState, usePolicyVersions, type MyPolicyState, type PolicyVersionSummary } from '../../api/policy';
import { queryKeys } from '../../api/query-keys';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { previousVersionOf } from '../../privacy/policy-versions';
import { PolicyDiff } from './PolicyDiff';
import { PolicyLanguageBar } from './PolicyLanguageBar';
import { PolicyVersionText } from './PolicyVersionText';

/**
 * Where someone who does not accept goes: the privacy centre, to download their data and cancel.
 * It stays usable under a pending acceptance, or that choice would be a dead end.
 */
export const declinePath = '/me/privacy';

/**
 * After a material change comes into force, a signed-in person answers before going on (P9.1):
 * accept, or leave by cancelling the account. The app keeps showing behind the dialog, which
 * cannot be closed any other way.
 */
export function PolicyAcceptanceGate() {
  const account = useAccount();
  const signedIn = Boolean(account.data);
  const state = useMyPolicyState(signedIn);
  const { pathname } = useLocation();
  const required = signedIn ? state.data?.acceptanceRequired : null;
  if (!required || pathname === declinePath) return null;
  return <AcceptanceDialog key={required.id} version={required} />;
}

type View = 'summary' | 'text' | 'changes';

function AcceptanceDialog({ version }: { version: PolicyVersionSummary }) {
  const { t, pick, locale, setLocale, formatDay } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const versions = usePolicyVersions();
  const previous = previousVersionOf(versions.data ?? [], version.id);
  const [view, setView] = useState<View>('summary');

  const accept = useMutation({
    // recorded with the language the person read it in: the interface language, which the dialog can switch
    mutationFn: () => acceptPolicy(version.id, locale),
    onSuccess: () => {
      queryClient.setQueryData<MyPolicyState>(queryKeys.myPolicy, (state) => (state ? { ...state, acceptanceRequired: null } : state));
      void queryClient.invalidateQueries({ queryKey: queryKeys.myPolicy });
      message.success(t('policyGate.accepted', { label: version.label }));
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  return (
    <Modal
      open
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={760}
      title={t('policyGate.title')}
      styles={{ body: { maxHeight: '60vh', overflowY: 'auto' } }}
      footer={
        <Flex justify="space-between" gap={8} wrap>
          <Button danger onClick={() => navigate(`${declinePath}#cancel`)} data-testid="policy-gate-decline">
            {t('policyGate.decline')}
          </Button>
          <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate()} data-testid="policy-gate-accept">
            {t('policyGate.accept')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16} data-testid="policy-gate">
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('policyGate.intro', { label: version.label, date: formatDay(version.effectiveAt), updatedOn: formatDay(version.updatedOn) })}
        </Typography.Paragraph>
        <PolicyLanguageBar language={locale} onChange={setLocale} />
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: 'summary', label: t('policy.summary') },
            { value: 'text', label: <span data-testid="policy-gate-read">{t('policy.fullText')}</span> },
            { value: 'changes', label: <span data-testid="policy-gate-changes">{t('policy.whatChanged')}</span> },
          ]}
        />
        {view === 'summary' && (
          <Alert type="info" title={t('policyGate.summaryTitle')} description={<span data-testid="policy-gate-summary">{pick(version.summary)}</span>} />
        )}
        {view === 'text' && <PolicyVersionText versionId={version.id} language={locale} idPrefix="gate-" />}
        {view === 'changes' &&
          (versions.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : <PolicyDiff versionId={version.id} previousId={previous?.id ?? null} language={locale} />)}
        <Typography.Text type="secondary">{t('policyGate.choice')}</Typography.Text>
      </Flex>
    </Modal>
  );
}
