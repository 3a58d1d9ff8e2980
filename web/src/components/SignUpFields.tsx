import { Alert, Form, Input, type InputRef } from 'antd';
import type { Ref } from 'react';
import { birthDateOf, GUARDIAN_CONSENT_BELOW_AGE, isBlank, type BirthDateParts } from '../account/birth-date';
import { looksLikeIdentifier } from '../account/identifier-shape';
import { useI18n } from '../i18n/context';
import { BirthDateInput } from './BirthDateInput';
import { SignUpPolicy } from './SignUpPolicy';

interface Props {
  /** the address the code went to: a guardian's address must be someone else's */
  identifier: string;
  /** the date of birth is under 14, or the server said so (guardian_required) */
  asksGuardian: boolean;
  nameRef: Ref<InputRef>;
}

function sameAddress(a: string, b: string): boolean {
  const plain = (value: string) => value.trim().toLowerCase().replace(/[\s().-]/g, '');
  return plain(a) === plain(b);
}

/**
 * What a new account needs besides the code: a name, the date of birth (asked of everyone who
 * signs up, P11.1: only the age tells whether a guardian must consent), for a child under 14
 * where to reach a parent or guardian, and the acceptance of the privacy policy in force (P0.1).
 * A half-picked date is refused rather than silently dropped.
 */
export function SignUpFields({ identifier, asksGuardian, nameRef }: Props) {
  const { t } = useI18n();
  return (
    <>
      <Alert type="info" showIcon title={t('signIn.nameStep')} style={{ marginBottom: 16 }} />
      <Form.Item name="name" label={t('signIn.name')} rules={[{ required: true, whitespace: true, message: t('signIn.nameRequired') }]}>
        <Input size="large" maxLength={100} autoComplete="name" placeholder={t('signIn.namePlaceholder')} data-testid="signin-name" ref={nameRef} />
      </Form.Item>
      <Form.Item
        name="birthDate"
        label={t('signIn.birthDate')}
        extra={t('signIn.birthDateHint', { age: GUARDIAN_CONSENT_BELOW_AGE })}
        validateTrigger="onSubmit"
        rules={[
          {
            validator: (_, parts: BirthDateParts | undefined) =>
              birthDateOf(parts) ? Promise.resolve() : Promise.reject(new Error(t(isBlank(parts) ? 'signIn.birthDateRequired' : 'signIn.birthDateIncomplete'))),
          },
        ]}
      >
        <BirthDateInput testId="signin-birth" />
      </Form.Item>
      {asksGuardian && (
        <div data-testid="signin-guardian-step">
          <Alert
            type="warning"
            showIcon
            title={t('signIn.guardianTitle', { age: GUARDIAN_CONSENT_BELOW_AGE })}
            description={t('signIn.guardianExplain')}
            style={{ marginBottom: 16 }}
          />
          <Form.Item
            name="guardianIdentifier"
            label={t('signIn.guardian')}
            validateTrigger="onSubmit"
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  looksLikeIdentifier(value ?? '') && !sameAddress(value ?? '', identifier)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('signIn.guardianInvalid'))),
              },
            ]}
          >
            <Input size="large" maxLength={320} autoComplete="off" placeholder={t('signIn.guardianPlaceholder')} data-testid="signin-guardian" />
          </Form.Item>
        </div>
      )}
      <SignUpPolicy />
    </>
  );
}
