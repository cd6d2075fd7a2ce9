export { blocYear } from './bloc-year';
export { blocMailbox } from './mailbox';
