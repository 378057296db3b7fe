import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

// The wiki reads as a course: what a service is, each limit, choosing, then reference.
const sidebars: SidebarsConfig = {
  wiki: [
    {type: 'doc', id: 'services', label: 'Services and processes'},
    {type: 'doc', id: 'services/service-count', label: 'service_count / restart_request_count'},
    {type: 'doc', id: 'services/client-limit', label: 'client_limit'},
    {type: 'doc', id: 'services/process-limit', label: 'process_limit and process_min_avail'},
    {type: 'doc', id: 'services/memory-and-idle', label: 'Memory and idle processes'},
    {type: 'doc', id: 'services/indexes', label: 'Index files, cache and search'},
    {type: 'doc', id: 'services/reused-processes', label: 'What a reused process keeps'},
    {type: 'doc', id: 'services/choosing', label: 'Choosing a process pattern'},
    {type: 'doc', id: 'examples', label: 'Worked examples per protocol set'},
    {type: 'doc', id: 'login-processes', label: 'Login processes'},
    {type: 'doc', id: 'auth-cache', label: 'Authentication cache'},
    {type: 'doc', id: 'proxy', label: 'Dovecot as a proxy'},
    {type: 'doc', id: 'reload-and-restarts', label: 'Reload and restart storms'},
    {type: 'doc', id: 'troubleshooting', label: 'Troubleshooting'},
    {type: 'doc', id: 'outside-dovecot', label: 'Symptoms outside Dovecot'},
    {type: 'doc', id: 'old-settings', label: 'Old setting names (1.x)'},
    {type: 'doc', id: 'coming-from-courier', label: 'Coming from Courier-IMAP'},
    {type: 'doc', id: 'measured', label: 'Measured under load'},
    {type: 'doc', id: 'settings', label: 'Settings reference'},
  ],
};

export default sidebars;
