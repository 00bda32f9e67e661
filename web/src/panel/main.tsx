import { render } from 'preact';
import { Panel } from './Panel';
import './panel.css';

const root = document.getElementById('panel');
if (root) render(<Panel />, root);
