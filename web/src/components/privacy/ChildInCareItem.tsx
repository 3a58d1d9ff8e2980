import { DeleteOutlined, DownloadOutlined, SmileOutlined } from '@ant-design/icons';
import { Avatar, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import type { ChildInCare } from '../../api/guardian';
import { useI18n } from '../../i18n/context';
import { ChildAccountErasure } from './ChildAccountErasure';
import { ChildDataDownload } from './ChildDataDownload';

type Action = 'export' | 'erase';

interface Props {
  child: ChildInCare;
  onErased(receiptUrl: string): void;
}

/** One child: their name, and the two things a guardian can do, one opened at a time (each needs its own code). */
export function ChildInCareItem({ child, onErased }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Action | null>(null);
  const toggle = (action: Action) => setOpen((current) => (current === action ? null : action));

  return (
    <Flex vertical gap={12} data-testid="child" data-child-id={child.id}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Flex align="center" gap={12}>
          <Avatar icon={<SmileOutlined />} style={{ background: '#e6f0ff', color: '#1f5fbf' }} />
          <Typography.Text strong data-testid="child-name">
            {child.name}
          </Typography.Text>
        </Flex>
        <Flex gap={8} wrap>
          <Button icon={<DownloadOutlined />} type={open === 'export' ? 'primary' : 'default'} ghost={open === 'export'} onClick={() => toggle('export')} data-testid="child-export-open">
            {t('children.download')}
          </Button>
          <Button icon={<DeleteOutlined />} danger type={open === 'erase' ? 'primary' : 'default'} ghost={open === 'erase'} onClick={() => toggle('erase')} data-testid="child-erase-open">
            {t('children.erase')}
          </Button>
        </Flex>
      </Flex>
      {open && (
        <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 8, padding: 16 }}>
          {open === 'export' ? <ChildDataDownload child={child} /> : <ChildAccountErasure child={child} onErased={onErased} />}
        </div>
      )}
    </Flex>
  );
}
