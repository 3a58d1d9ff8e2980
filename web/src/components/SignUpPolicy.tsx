import { Checkbox, Form, Skeleton, Typography } from 'antd';
import { usePolicyInForce } from '../api/policy';
import { useI18n } from '../i18n/context';
import { QueryFailure } from './QueryFailure';

/**
 * The privacy policy a sign-up accepts (P0.1): the version in force, named and linked in the
 * page's language (it opens in a new tab, so the code typed here is kept), and a box the person
 * ticks themselves. The server creates the account only with that version's id, so a version
 * that came into force while the page was open is shown and asked for again.
 */
export function SignUpPolicy() {
  const { t, locale, formatDay } = useI18n();
  const policy = usePolicyInForce();
  if (policy.isPending) return <Skeleton.Input active block style={{ marginBottom: 24 }} />;
  if (policy.isError) return <QueryFailure error={policy.error} onRetry={() => void policy.refetch()} />;
  const version = policy.data;
  // nothing has been published: there is nothing to show, and the server asks for nothing
  if (!version) return null;
  const href = `/policy?version=${encodeURIComponent(version.id)}&lang=${locale}`;
  return (
    <div data-testid="signin-policy" data-policy-version={version.id}>
      <Form.Item
        name="acceptPolicy"
        valuePropName="checked"
        validateTrigger="onSubmit"
        rules={[{ validator: (_, ticked: boolean | undefined) => (ticked ? Promise.resolve() : Promise.reject(new Error(t('signIn.policyRequired')))) }]}
        extra={
          <Typography.Link href={href} target="_blank" rel="noopener" data-testid="signin-policy-link">
            {t('signIn.policyRead', { label: version.label, date: formatDay(version.updatedOn) })}
          </Typography.Link>
        }
      >
        <Checkbox data-testid="signin-accept-policy">{t('signIn.policyAccept', { label: version.label })}</Checkbox>
      </Form.Item>
    </div>
  );
}
