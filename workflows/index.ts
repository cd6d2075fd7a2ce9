export { blocYear } from './bloc-year';
