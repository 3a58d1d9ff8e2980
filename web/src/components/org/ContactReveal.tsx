import { EyeOutlined, MailOutlined, PhoneOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Typography } from 'antd';
import { revealContact, type Member } from '../../api/members';
import { isAdminRole } from '../../api/organisations';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { useOrg } from '../../org/org-context';

/**
 * A colleague's work email and phone, masked (P7.2), with a "Show" button where the organisation
 * allows the full values. The full values are fetched on request only, kept in this component's
 * memory, and never cached: each look is one audited request.
 */
export function ContactReveal({ member }: { member: Member }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const org = useOrg();
  const mine = member.id === org.myMemberId;
  const allowed = mine || isAdminRole(org.myRole) || org.contactVisibility === 'full';
  const reveal = useMutation({
    mutationFn: () => revealContact(org.id, member.id),
    onError: (error) => message.error(errorText(error, t)),
  });

  if (!member.workEmailMasked && !member.workPhoneMasked) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const full = reveal.data;
  const email = full ? full.workEmail : member.workEmailMasked;
  const phone = full ? full.workPhone : member.workPhoneMasked;

  const button = (onClick?: () => void) => (
    <Button size="small" type="link" icon={<EyeOutlined />} loading={reveal.isPending} onClick={onClick} data-testid="contact-show" style={{ paddingInline: 0 }}>
      {t('directory.showContact')}
    </Button>
  );

  return (
    <Flex align="center" gap={8} data-testid="contact">
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        {email && (
          <Typography.Text copyable={full ? { text: email } : false} style={{ whiteSpace: 'nowrap' }} data-testid="contact-email">
            <MailOutlined style={{ color: '#8c8c8c', marginRight: 6 }} />
            {email}
          </Typography.Text>
        )}
        {phone && (
          <Typography.Text copyable={full ? { text: phone } : false} style={{ whiteSpace: 'nowrap' }} data-testid="contact-phone">
            <PhoneOutlined style={{ color: '#8c8c8c', marginRight: 6 }} />
            {phone}
          </Typography.Text>
        )}
      </Flex>
      {allowed &&
        !full &&
        (mine ? (
          button(() => reveal.mutate())
        ) : (
          // the person should know before looking that the look is recorded
          <Popconfirm
            title={t('directory.showContactTitle')}
            description={t('directory.showContactRecorded')}
            okText={t('directory.showContact')}
            onConfirm={() => reveal.mutate()}
          >
            {button()}
          </Popconfirm>
        ))}
    </Flex>
  );
}
