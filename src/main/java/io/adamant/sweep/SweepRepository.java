package io.adamant.sweep;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface SweepRepository extends JpaRepository<SweepEntity, UUID> {

}
