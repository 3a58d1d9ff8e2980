import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Divider, Flex, Typography } from 'antd';
import { Fragment, useState } from 'react';
import { GUARDIAN_CONSENT_BELOW_AGE } from '../../account/birth-date';
import { useChildrenInCare } from '../../api/guardian';
import { queryKeys } from '../../api/query-keys';
import { useI18n } from '../../i18n/context';
import { ChildInCareItem } from './ChildInCareItem';
import { ReceiptLink } from './ReceiptLink';

interface Erased {
  name: string;
  receiptUrl: string;
}

/**
 * "My children": the children under 14 whose use of Lockstep I consented to, from this very
 * address (P11.3). Shown only to a guardian: for everyone else the list is empty and the card
 * does not appear at all.
 */
export function MyChildren() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const children = useChildrenInCare();
  // an erased child leaves the list at once; their receipt link must stay in view after that
  const [erased, setErased] = useState<Erased[]>([]);
  const list = children.data ?? [];
  if (!list.length && !erased.length) return null;

  return (
    <Card title={t('children.title')} id="children" data-testid="my-children" style={{ scrollMarginTop: 80 }}>
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('children.intro', { age: GUARDIAN_CONSENT_BELOW_AGE })}</Typography.Text>
        {erased.map((entry) => (
          <Alert
            key={entry.receiptUrl}
            type="success"
            showIcon
            data-testid="child-erased"
            title={t('children.erased', { name: entry.name })}
            description={<ReceiptLink url={entry.receiptUrl} testId="child-erase-receipt" />}
          />
        ))}
        {list.map((child, index) => (
          <Fragment key={child.id}>
            {index > 0 && <Divider style={{ margin: 0 }} />}
            <ChildInCareItem
              child={child}
              onErased={(receiptUrl) => {
                setErased((previous) => [...previous, { name: child.name, receiptUrl }]);
                void queryClient.invalidateQueries({ queryKey: queryKeys.childrenInCare });
              }}
            />
          </Fragment>
        ))}
      </Flex>
    </Card>
  );
}
