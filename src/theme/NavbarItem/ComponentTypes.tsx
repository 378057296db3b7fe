// Adds the Dovecot version switch as a navbar item type (`type: 'custom-dovecotVersion'`).
import ComponentTypes from '@theme-original/NavbarItem/ComponentTypes';
import VersionSwitch from '@site/src/components/DovecotVersion/VersionSwitch';

export default {...ComponentTypes, 'custom-dovecotVersion': VersionSwitch};
