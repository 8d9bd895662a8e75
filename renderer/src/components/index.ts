export { Card, StatCard } from './card.js';
export { Button, ConfirmButton, CopyButton, Switch, Tooltip } from './controls.js';
export { EmptyState, Loading, Notice, Spinner } from './feedback.js';
export { Field } from './field.js';
export { Icon, type IconName } from './icons.js';
export { PageHeader } from './page-header.js';
export { StatusPill, type Tone } from './status-pill.js';
export { Toasts } from './toasts.js';
export { canOpenWithoutClick, openExternal } from './open-external.js';
