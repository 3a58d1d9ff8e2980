import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAccount } from '../api/account';
import { PageLoading } from '../components/PageLoading';
import { QueryFailure } from '../components/QueryFailure';

/** Guards the /me pages: anonymous visitors are sent to sign in. */
export function RequireSignIn() {
  const account = useAccount();
  const location = useLocation();
  if (account.isPending) return <PageLoading />;
  if (account.isError) return <QueryFailure error={account.error} onRetry={() => void account.refetch()} />;
  if (!account.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return <Outlet />;
}
