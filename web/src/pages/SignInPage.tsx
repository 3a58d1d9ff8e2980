import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAccount } from '../api/account';
import type { AwaitingGuardian as AwaitingGuardianAnswer, Challenge, Verified } from '../api/auth';
import { queryKeys } from '../api/query-keys';
import { AwaitingGuardian } from '../components/AwaitingGuardian';
import { SignInCodeForm } from '../components/SignInCodeForm';
import { SignInIdentifierForm } from '../components/SignInIdentifierForm';
import { useI18n } from '../i18n/context';

/** One page for signing in and signing up: which one it was is only known after the code. */
export default function SignInPage() {
  const { t } = useI18n();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const account = useAccount();
  // a guarded page (e.g. /invitations from an invitation email) sent the person here: go back there after
  const from = (useLocation().state as { from?: string } | null)?.from;
  const destination = from?.startsWith('/') && !from.startsWith('//') ? from : '/me';
  const [identifier, setIdentifier] = useState('');
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  // a child's sign-up (or sign-in before the guardian answered) ends here rather than signed in
  const [awaitingGuardian, setAwaitingGuardian] = useState<AwaitingGuardianAnswer | null>(null);

  // checked after the hooks above; a finished sign-in navigates away by itself
  if (account.data && !challenge) return <Navigate to={destination} replace />;

  const signedIn = (verified: Verified) => {
    queryClient.removeQueries({ queryKey: queryKeys.personal });
    queryClient.setQueryData(queryKeys.me, verified.account);
    if (verified.restored) {
      // the one thing this person must not miss: their cancellation is off and nothing will be erased
      notification.success({
        title: t('signIn.restoredTitle'),
        description: <span data-testid="signin-restored">{t('signIn.restored', { name: verified.account.name })}</span>,
        duration: 12,
      });
    } else {
      message.success(t(verified.newAccount ? 'signIn.welcomeNew' : 'signIn.welcome', { name: verified.account.name }));
    }
    navigate(destination, { replace: true });
  };

  if (awaitingGuardian) {
    return (
      <Flex justify="center" style={{ paddingTop: 24 }}>
        <Card style={{ width: 480, maxWidth: '100%' }}>
          <AwaitingGuardian request={awaitingGuardian} onDone={() => setAwaitingGuardian(null)} />
        </Card>
      </Flex>
    );
  }

  return (
    <Flex justify="center" style={{ paddingTop: 24 }}>
      <Card style={{ width: 440, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('signIn.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
        {challenge ? (
          <SignInCodeForm
            identifier={identifier}
            challenge={challenge}
            onNewChallenge={setChallenge}
            onChangeIdentifier={() => setChallenge(null)}
            onSignedIn={signedIn}
            onAwaitingGuardian={(request) => {
              setChallenge(null);
              setAwaitingGuardian(request);
            }}
          />
        ) : (
          <SignInIdentifierForm
            initialIdentifier={identifier}
            onCodeSent={(sentTo, next) => {
              setIdentifier(sentTo);
              setChallenge(next);
            }}
          />
        )}
      </Card>
    </Flex>
  );
}
