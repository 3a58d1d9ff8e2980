import { ApartmentOutlined, AuditOutlined, FormOutlined, MailOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Menu, Result, Row } from 'antd';
import type { ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isAdminRole } from '../../api/organisations';
import { useI18n } from '../../i18n/context';
import { useOrg } from '../../org/org-context';

const sections = ['members', 'invitations', 'departments', 'corrections', 'audit', 'settings'] as const;
type AdminSectionKey = (typeof sections)[number];

const icons: Record<AdminSectionKey, ReactNode> = {
  members: <TeamOutlined />,
  invitations: <MailOutlined />,
  departments: <ApartmentOutlined />,
  corrections: <FormOutlined />,
  audit: <AuditOutlined />,
  settings: <SettingOutlined />,
};

/**
 * The admin console, laid out like Lark's: a menu on the left, the section on the right. Members
 * never see the tab; one who types the address gets a plain "not allowed" (the server refuses anyway).
 */
export function AdminSection() {
  const { t } = useI18n();
  const org = useOrg();
  const { pathname } = useLocation();
  const navigate = useNavigate();

  if (!isAdminRole(org.myRole)) return <Result status="403" title={t('admin.forbidden')} subTitle={t('admin.forbiddenHint')} />;

  const current = /\/admin\/([^/]+)/.exec(pathname)?.[1] ?? 'members';
  return (
    <Row gutter={[20, 20]}>
      <Col xs={24} md={6} lg={4}>
        <Card size="small" styles={{ body: { padding: 4 } }}>
          <Menu
            mode="inline"
            selectedKeys={[current]}
            style={{ borderInlineEnd: 'none' }}
            onClick={({ key }) => navigate(`/org/${encodeURIComponent(org.id)}/admin/${key}`)}
            items={sections.map((key) => ({ key, icon: icons[key], label: <span data-testid={`admin-nav-${key}`}>{t(`admin.nav.${key}`)}</span> }))}
          />
        </Card>
      </Col>
      <Col xs={24} md={18} lg={20}>
        <Outlet />
      </Col>
    </Row>
  );
}
