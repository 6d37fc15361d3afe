/** The parts of a Grafana dashboard JSON the snapshots read (the file has more; it is Grafana's). */
export interface PanelTarget {
  refId: string;
  expr: string;
  legendFormat?: string;
  instant?: boolean;
  range?: boolean;
  format?: string;
  hide?: boolean;
}

export interface PanelThreshold {
  color: string;
  value: number | null;
}

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  description?: string;
  targets?: PanelTarget[];
  fieldConfig?: {
    defaults?: { unit?: string; thresholds?: { mode?: string; steps?: PanelThreshold[] } };
  };
  /** Collapsed rows carry their panels inside. */
  panels?: DashboardPanel[];
}

export interface TemplateVariable {
  name: string;
  type: string;
  /** The regex Grafana sends for "All" (e.g. `.*`). */
  allValue?: string;
  includeAll?: boolean;
  current?: { value?: string | string[] };
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: DashboardPanel[];
  templating?: { list?: TemplateVariable[] };
}
