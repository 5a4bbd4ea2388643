import sys


class PointWithDict:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z


class PointWithSlots:
    __slots__ = ('x', 'y', 'z')

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z


class BaseRecord:
    __slots__ = ('recordId', 'timestamp')

    def __init__(self, recordId, timestamp):
        self.recordId = recordId
        self.timestamp = timestamp


class SensorRecord(BaseRecord):
    __slots__ = ('sensorId', 'value', 'unit')

    def __init__(self, recordId, timestamp, sensorId, value, unit):
        super().__init__(recordId, timestamp)
        self.sensorId = sensorId
        self.value = value
        self.unit = unit


class SensorRecordNoSlots(BaseRecord):
    def __init__(self, recordId, timestamp, sensorId, value, unit):
        BaseRecord.__init__(self, recordId, timestamp)
        self.sensorId = sensorId
        self.value = value
        self.unit = unit
        if value:
            self.extra = 1
        else:
            self.extra = 2

    def reset(self):
        self.cache = None
