/** What a running Dovecot needs beyond doveconf's sums; see facts.ts for the sources. */
export * from './facts';
export * from './peak';
export * from './systemd';
