import type { ChartTheme } from '../../ports/chart-drawer';

export interface Palette {
  background: string;
  text: string;
  muted: string;
  grid: string;
  series: string[];
}

// Grafana's classic palette, which reads well on both backgrounds.
const SERIES = ['#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A9', '#705DA0'];

export const PALETTES: Record<ChartTheme, Palette> = {
  light: { background: '#FFFFFF', text: '#1F1F20', muted: '#5A5F66', grid: '#E4E6EA', series: SERIES },
  dark: { background: '#181B1F', text: '#D8D9DA', muted: '#9FA7B3', grid: '#2C3036', series: SERIES },
};
