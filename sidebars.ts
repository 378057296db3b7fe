import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

// The wiki reads as a course: what a service is, each limit, choosing, then reference.
const sidebars: SidebarsConfig = {
  wiki: [
    {type: 'doc', id: 'services', label: 'Services and processes'},
    {type: 'doc', id: 'services/service-count', label: 'service_count / restart_request_count'},
    {type: 'doc', id: 'services/client-limit', label: 'client_limit'},
    {type: 'doc', id: 'services/process-limit', label: 'process_limit and process_min_avail'},
    {type: 'doc', id: 'services/memory-and-idle', label: 'Memory and idle processes'},
    {type: 'doc', id: 'services/choosing', label: 'Choosing a process pattern'},
    {type: 'doc', id: 'login-processes', label: 'Login processes'},
    {type: 'doc', id: 'auth-cache', label: 'Authentication cache'},
    {type: 'doc', id: 'troubleshooting', label: 'Troubleshooting'},
    {type: 'doc', id: 'coming-from-courier', label: 'Coming from Courier-IMAP'},
    {type: 'doc', id: 'measured', label: 'Measured under load'},
    {type: 'doc', id: 'settings', label: 'Settings reference'},
  ],
};

export default sidebars;
