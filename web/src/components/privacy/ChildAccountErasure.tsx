import { UserDeleteOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Checkbox, Flex, Typography } from 'antd';
import { useState } from 'react';
import { eraseChildAccount, type ChildInCare } from '../../api/guardian';
import type { FreshCodeProof } from '../../api/fresh-code';
import { useI18n } from '../../i18n/context';
import { FreshCodeForm } from './FreshCodeForm';

interface Props {
  child: ChildInCare;
  /** the account is gone: the receipt link is all that is left to show */
  onErased(receiptUrl: string): void;
}

/**
 * Erasing a child's account, as their guardian. Unlike cancelling one's own account there is no
 * grace period (the server erases at once), so the box to tick says so.
 */
export function ChildAccountErasure({ child, onErased }: Props) {
  const { t } = useI18n();
  const [understood, setUnderstood] = useState(false);
  const erase = useMutation({
    mutationFn: (proof: FreshCodeProof) => eraseChildAccount(child.id, proof),
    onSuccess: ({ receiptUrl }) => onErased(receiptUrl),
  });

  return (
    <Flex vertical gap={12}>
      <Typography.Text>{t('children.eraseIntro', { name: child.name })}</Typography.Text>
      <Checkbox checked={understood} onChange={(event) => setUnderstood(event.target.checked)} data-testid="child-erase-confirm">
        {t('children.eraseConfirm', { name: child.name })}
      </Checkbox>
      <FreshCodeForm
        testId="child-erase"
        actionLabel={t('children.erase')}
        actionIcon={<UserDeleteOutlined />}
        danger
        actionDisabled={!understood}
        pending={erase.isPending}
        failure={erase.error}
        onAction={(proof) => erase.mutate(proof)}
        onNewChallenge={() => erase.reset()}
      />
    </Flex>
  );
}
