/**
 * Code colours with at least 4.5:1 contrast on their background in both colour modes (the
 * stock GitHub and Dracula themes fall short for comments, numbers and properties).
 */
import type {PrismTheme} from 'prism-react-renderer';

export const lightCodeTheme: PrismTheme = {
  plain: {color: '#24292f', backgroundColor: '#f6f8fa'},
  styles: [
    {types: ['comment', 'prolog', 'doctype', 'cdata'], style: {color: '#57606a'}},
    {types: ['punctuation', 'operator'], style: {color: '#24292f'}},
    {types: ['string', 'attr-value', 'char', 'inserted'], style: {color: '#0a3069'}},
    {types: ['number', 'boolean', 'constant', 'symbol', 'entity', 'url', 'regex'], style: {color: '#0550ae'}},
    {types: ['property', 'attr-name', 'variable'], style: {color: '#953800'}},
    {types: ['keyword', 'atrule', 'selector', 'deleted', 'tag'], style: {color: '#b3261e'}},
    {types: ['function', 'class-name', 'builtin'], style: {color: '#6639ba'}},
  ],
};

export const darkCodeTheme: PrismTheme = {
  plain: {color: '#e6edf3', backgroundColor: '#161b22'},
  styles: [
    {types: ['comment', 'prolog', 'doctype', 'cdata'], style: {color: '#8b949e'}},
    {types: ['punctuation', 'operator'], style: {color: '#e6edf3'}},
    {types: ['string', 'attr-value', 'char', 'inserted'], style: {color: '#a5d6ff'}},
    {types: ['number', 'boolean', 'constant', 'symbol', 'entity', 'url', 'regex'], style: {color: '#79c0ff'}},
    {types: ['property', 'attr-name', 'variable'], style: {color: '#ffa657'}},
    {types: ['keyword', 'atrule', 'selector', 'deleted', 'tag'], style: {color: '#ff7b72'}},
    {types: ['function', 'class-name', 'builtin'], style: {color: '#d2a8ff'}},
  ],
};
