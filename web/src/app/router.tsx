import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { Spin } from 'antd';
import { AuthProvider } from './auth';
import { PAGES } from './pages';

// The shell is its own chunk, so the login page does not load the layout's code.
const ShellLayout = lazy(async () => ({ default: (await import('./layout/ShellLayout')).ShellLayout }));
const LoginPage = lazy(async () => ({ default: (await import('../pages/LoginPage')).LoginPage }));
const VerifyLicencePage = lazy(async () => ({
  default: (await import('../pages/VerifyLicencePage')).VerifyLicencePage,
}));
const ChangePasswordPage = lazy(async () => ({
  default: (await import('../pages/ChangePasswordPage')).ChangePasswordPage,
}));

function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={<Spin fullscreen />}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

/** /login and /change-password stand alone; every other page lives in the shell's tabs. */
export const router = createBrowserRouter([
  // Public (no login): outside Root, so AuthProvider's /api/auth/me (401 → auth-lost → /login) never runs.
  {
    path: '/verify/licence/:token',
    element: (
      <Suspense fallback={<Spin fullscreen />}>
        <VerifyLicencePage />
      </Suspense>
    ),
  },
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/change-password', element: <ChangePasswordPage /> },
      {
        element: <ShellLayout />,
        children: [
          ...PAGES.map((p) => ({ path: p.path, element: <p.component /> })),
          { path: '*', element: null },
        ],
      },
    ],
  },
]);
