package io.adamant.sweep;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface SweepRepository extends JpaRepository<SweepEntity, UUID>, JpaSpecificationExecutor<SweepEntity> {

}
