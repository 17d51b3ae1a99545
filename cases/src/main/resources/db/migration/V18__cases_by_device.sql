-- A device's open cases, for its twin (GET /api/v1/devices/{id}/twin): by device, newest first, without a scan of
-- every case the district ever had.
create index cases_device on cases (device_id, created_at desc) where device_id is not null;
