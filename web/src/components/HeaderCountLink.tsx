import type { ReactNode } from 'react';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router-dom';

/**
 * A header icon button to a page, with a badge counting what waits there for me.
 * The title names the count while there is one, so a hover says why the badge is lit.
 */
export function HeaderCountLink({
  icon,
  count,
  label,
  countTitle,
  path,
  badgeTestId,
  linkTestId,
}: {
  icon: ReactNode;
  count: number;
  label: string;
  /** The title while count is above zero, e.g. "You have 3 open invitations". */
  countTitle: string;
  path: string;
  badgeTestId: string;
  linkTestId: string;
}) {
  const navigate = useNavigate();
  return (
    <Badge count={count} size="small" offset={[-6, 6]} data-testid={badgeTestId}>
      <Button
        type="text"
        shape="circle"
        icon={icon}
        aria-label={label}
        title={count ? countTitle : label}
        data-testid={linkTestId}
        onClick={() => navigate(path)}
      />
    </Badge>
  );
}
