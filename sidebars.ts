import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

// The wiki reads as a course: what a service is, each limit, choosing, then reference.
const sidebars: SidebarsConfig = {
  wiki: [
    {type: 'doc', id: 'services', label: 'Services and processes'},
    {type: 'doc', id: 'login-processes', label: 'Login processes'},
    {type: 'doc', id: 'auth-cache', label: 'Authentication cache'},
    {type: 'doc', id: 'troubleshooting', label: 'Troubleshooting'},
    {type: 'doc', id: 'coming-from-courier', label: 'Coming from Courier-IMAP'},
  ],
};

export default sidebars;
